import numpy as np

def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)

    return 1 / (1 + np.exp(-x))

X = np.array([[0, 0, 1],
              [0, 1, 1],
              [1, 0, 1],
              [1, 1, 1]])

y = np.array([[0],
              [1],
              [1],
              [0]])

np.random.seed(1)

# two weight matrices, each drawn from [-1, 1)
syn0 = 2 * np.random.random((3, 4)) - 1
syn1 = 2 * np.random.random((4, 1)) - 1

# bias units: one extra weight per unit, fed by a constant 1;
# they start at 0 and learn only if BIAS is 1 (0: the listing)
BIAS = 1
b0 = np.zeros((1, 4))
b1 = np.zeros((1, 1))

for j in range(60000):

    # forward through layers 0, 1 and 2
    l0 = X
    l1 = nonlin(np.dot(l0, syn0) + b0)
    l2 = nonlin(np.dot(l1, syn1) + b1)

    # the output's miss
    l2_error = y - l2

    if (j % 10000) == 0:
        print("Error:" + str(np.mean(np.abs(l2_error))))

    # scale the miss by the output's slope: sure answers
    # barely move, unsure ones move most
    l2_delta = l2_error * nonlin(l2, deriv=True)

    # send l2_delta back through syn1: each hidden unit's share of the miss
    l1_error = l2_delta.dot(syn1.T)

    # the same scaling, now for the hidden layer
    # (its slope at l1)
    l1_delta = l1_error * nonlin(l1, deriv=True)

    syn1 += l1.T.dot(l2_delta)
    syn0 += l0.T.dot(l1_delta)
    b1 += BIAS * l2_delta.sum(axis=0, keepdims=True)
    b0 += BIAS * l1_delta.sum(axis=0, keepdims=True)
